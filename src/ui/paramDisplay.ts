/**
 * A parameter's value as the page shows it. The model declares shares as fractions of one
 * (src/sim/params.ts: `unit: 'fraction'`, `'probability'`, the scale's `'fraction of real
 * volume'`); the page shows them as percentages, as the header states the scale ("simulating 1%").
 * Only the words change: the stored value, the slider's range and its steps stay fractions, so a
 * slider or a link round-trips exactly.
 */
import type { ParamDeclaration } from '../sim/params';

/** Units the model states as a fraction of one, and the words left once it is shown as a percentage. */
const PERCENT_UNITS: Readonly<Record<string, string>> = {
  fraction: '',
  probability: '',
  'fraction of real volume': 'of real volume',
};

/** True when the page shows this parameter as a percentage (0.2 as "20%"). */
export function isShownAsPercent(declaration: ParamDeclaration): boolean {
  return declaration.kind === 'number' && Object.hasOwn(PERCENT_UNITS, declaration.unit);
}

/** The unit written after a parameter's value: "vans", "of real volume", '' for a plain share. */
export function getParamUnit(declaration: ParamDeclaration): string {
  if (declaration.kind !== 'number') return '';
  return isShownAsPercent(declaration) ? (PERCENT_UNITS[declaration.unit] ?? '') : declaration.unit;
}

/**
 * A parameter's value as the drawer and the timeline show it: "180", "1.5", "20%" (a share of
 * 0.2), "0.05%" (the scale at 0.0005), "savingsLocalSearch". Decimals follow the slider's step, so
 * each step reads differently and no float noise shows (0.07 reads "7%", not "7.000000000000001%").
 */
export function formatParamValue(declaration: ParamDeclaration, value: number | string): string {
  if (declaration.kind !== 'number') return String(value);
  const percent = isShownAsPercent(declaration);
  const factor = percent ? 100 : 1;
  const decimals = Math.max(0, Math.min(4, -Math.floor(Math.log10(declaration.step * factor))));
  const shown = (Number(value) * factor).toLocaleString('en-US', {
    maximumFractionDigits: decimals,
    minimumFractionDigits: 0,
  });
  return percent ? `${shown}%` : shown;
}

/** The value with its unit, as a screen reader announces a slider: "20%", "1% of real volume", "180 vans". */
export function formatParamValueWithUnit(declaration: ParamDeclaration, value: number | string): string {
  const unit = getParamUnit(declaration);
  const shown = formatParamValue(declaration, value);
  return unit ? `${shown} ${unit}` : shown;
}
