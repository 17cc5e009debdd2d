/** The designer's canvas component for the centre (shown while a workflow is open). */
import type { ComponentType } from 'react';
import { DesignerCanvas } from '../features/designer';

export const DESIGNER: ComponentType | undefined = DesignerCanvas;
