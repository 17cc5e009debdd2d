/** "just now", "5 min ago", "yesterday 14:02", "3 Mar 2026" — times for lists. */
export function relativeTime(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const date = new Date(at);
  const hhmm = date.toTimeString().slice(0, 5);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return `today ${hhmm}`;
  const yesterday = new Date(now - 86_400_000);
  if (date.toDateString() === yesterday.toDateString()) return `yesterday ${hhmm}`;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
