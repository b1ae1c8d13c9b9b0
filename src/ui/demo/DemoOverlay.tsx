/** What the presenter's tools draw over the page (tour captions). Filled in by issue 9. */
export function DemoOverlay() {
  return null;
}
