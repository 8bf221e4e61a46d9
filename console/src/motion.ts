/**
 * Whether the person asked their system for less motion (WCAG 2.3.3): then no Ant Design transition
 * and no chart animation plays. The browser tests ask for it too, so what they check is the page at
 * rest, without waiting out animations on a busy machine.
 */
export const prefersReducedMotion =
  typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
