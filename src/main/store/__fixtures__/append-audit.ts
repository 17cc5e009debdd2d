/** Child process for the concurrency test: appends N audit entries as a CLI would. */
import { openStore } from '../store';

const [dataDir, countText, actor] = process.argv.slice(2);
if (!dataDir || !countText || !actor) throw new Error('usage: append-audit DATA_DIR N ACTOR');
const store = openStore({ dataDir, role: 'cli', actor });
process.stdout.write('ready\n');
for (let i = 0; i < Number(countText); i++) store.audit.append({ action: 'test.append', subject: `${actor}:${i}` });
store.close();
