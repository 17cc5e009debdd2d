/** The drag-and-drop type a palette entry carries to the canvas (its value is the node kind). */
export const PALETTE_MIME = 'application/x-csp-node-kind';
