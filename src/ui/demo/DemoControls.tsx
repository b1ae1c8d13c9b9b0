/**
 * The presenter's controls in the header (exports, scenario file, guided tour). Filled in by the
 * demo work of issue 9; until then the header shows nothing here.
 */
export function DemoControls() {
  return null;
}
