/** "Open example": the examples in a dialog, from the File menu, the palette or the browser. */
import { useDialogs } from '../../../state/dialog-store';
import { Dialog } from '../../../ui/Dialog';
import { ExampleList } from './ExampleList';

export function showExamples(): void {
  useDialogs.getState().show((close) => (
    <Dialog title="Open an example" wide onClose={close}>
      <p className="dialog-text">Each example opens as your own copy: edit it freely, the original stays as shipped.</p>
      <ExampleList onOpened={close} autoFocus />
    </Dialog>
  ));
}
