/**
 * The designer's canvas component for the centre, once the designer feature
 * provides it (it replaces `undefined` here with its component).
 */
import type { ComponentType } from 'react';

export const DESIGNER: ComponentType | undefined = undefined;
