/**
 * The parts of an A / B / B − A table the compare panel and the network edit's panel share: its
 * head, and the B − A cell coloured by which way is better.
 */
/** The head of an A / B / B − A table; `first` names the rows' column. */
export function CompareTableHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">A</th>
        <th scope="col">B</th>
        <th scope="col">B − A</th>
      </tr>
    </thead>
  );
}

/**
 * A B − A cell: signed, in the row's format, green where B is better and vermillion where worse
 * (`higherIsBetter` says which way that is); a dash when either side has no figure yet.
 */
export function DeltaCell({
  delta,
  format,
  higherIsBetter,
  testId,
}: {
  delta: number;
  format: (value: number) => string;
  higherIsBetter: boolean;
  testId?: string;
}) {
  const finite = Number.isFinite(delta);
  const better = finite && delta !== 0 && delta > 0 === higherIsBetter;
  return (
    <td
      className={!finite || delta === 0 ? '' : better ? 'delta-good' : 'delta-bad'}
      data-testid={testId}
      data-value={finite ? delta : ''}
    >
      {!finite ? '–' : delta === 0 ? '0' : `${delta > 0 ? '+' : '−'}${format(Math.abs(delta))}`}
    </td>
  );
}
