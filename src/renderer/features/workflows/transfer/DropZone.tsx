/**
 * Dropping files anywhere on the window imports them: .yaml workflows, and
 * .csp scripts kept as scripts. While files are dragged over, an overlay says
 * what will happen.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { UploadIcon } from '../../../ui/icons';
import { formatOfFile, importFiles } from './import';

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

export function DropZone(): ReactElement | null {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overHandler = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      void importFiles(files, (file) => (formatOfFile(file.name) === 'cspm' ? 'script' : 'workflow'));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="drop-zone" aria-hidden="true">
      <div className="drop-card">
        <UploadIcon size={32} />
        <strong>Drop to import</strong>
        <span>.yaml workflows open on the canvas; .csp scripts are stored as written</span>
      </div>
    </div>
  );
}
