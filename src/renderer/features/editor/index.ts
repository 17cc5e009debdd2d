/**
 * The editor feature (see README.md): CSPm scripts as documents, Monaco with
 * the CSPm language mode, the workflow's generated CSPm, assertions and the
 * probe. The Editor view itself (Monaco) loads lazily from EditorView.tsx.
 */
export { EditorServices } from './EditorServices';
export { ScriptInspector } from './script/ScriptInspector';
export { useScript } from './script/script-store';
export type { ScriptRef } from './script/script-store';
