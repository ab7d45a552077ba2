'use client';
// The wall's screen size and which of its pages is on show. The size decides how many pages the
// wall needs (lib/views/wall/layout.ts); the server renders for a 1920×1080 screen, the browser
// corrects it after the first paint.
import { useEffect, useState } from 'react';

export const DEFAULT_SCREEN = { width: 1920, height: 1080 };

/** Long enough to read every cause on a page from across the room. */
export const WALL_PAGE_MS = 15_000;

export function useScreenSize(): { width: number; height: number } {
  const [size, setSize] = useState(DEFAULT_SCREEN);
  useEffect(() => {
    // clientWidth leaves out a scrollbar, which the layout cannot use either.
    const read = () => setSize({ width: document.documentElement.clientWidth, height: window.innerHeight });
    read();
    window.addEventListener('resize', read);
    return () => window.removeEventListener('resize', read);
  }, []);
  return size;
}

/** Index of the page on show, advancing every WALL_PAGE_MS while there is more than one. */
export function usePageRotation(pageCount: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pageCount < 2) return;
    const timer = setInterval(() => setTick((t) => t + 1), WALL_PAGE_MS);
    return () => clearInterval(timer);
  }, [pageCount]);
  return pageCount < 2 ? 0 : tick % pageCount;
}
