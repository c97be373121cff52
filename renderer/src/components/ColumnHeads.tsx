/** A table's header row: one `th scope="col"` a column, so every data table on every page is read out the same way. */
import type { ReactNode } from 'react';

export function ColumnHeads({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
