/**
 * Brings an element to the top of the pane that scrolls it, and only that pane. `scrollIntoView` also scrolls every
 * ancestor, the app frame's `overflow: hidden` box included, which pushes the header and status bar off screen.
 */
export function revealInPane(element: HTMLElement, marginPx = 16): void {
  let pane = element.parentElement;
  while (pane && !/(auto|scroll)/.test(getComputedStyle(pane).overflowY)) pane = pane.parentElement;
  if (!pane) return;
  pane.scrollTop += element.getBoundingClientRect().top - pane.getBoundingClientRect().top - marginPx;
}
