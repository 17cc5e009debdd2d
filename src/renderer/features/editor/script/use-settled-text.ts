/** The open script's text once typing settles (asking the host on every key would flood it). */
import { useEffect, useState } from 'react';
import { useScript } from './script-store';

export function useSettledText(delayMs = 400): string {
  const text = useScript((s) => s.text);
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(t);
  }, [text, delayMs]);
  return settled;
}
