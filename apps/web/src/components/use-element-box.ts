'use client';

import { type RefObject, useLayoutEffect, useState } from 'react';

export type ElementBox = {
  width: number;
  /** Distance from the top of the document, in pixels. */
  top: number;
};

/** Width and document offset of an element, updated as it resizes. `fallback` is used until measured. */
export function useElementBox(ref: RefObject<HTMLElement | null>, fallback: ElementBox): ElementBox {
  const [box, setBox] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const rect = element.getBoundingClientRect();
      const next = { width: rect.width, top: rect.top + window.scrollY };
      setBox((previous) => (previous.width === next.width && previous.top === next.top ? previous : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return box;
}
