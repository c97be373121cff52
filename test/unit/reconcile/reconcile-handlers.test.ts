/**
 * The reconcile handlers over a stand-in service: progress goes out on the bus, and the close pack is the last
 * report's (compared afresh only for another range), printed by the host's printer and written where the host says.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReconcileRange, ReconcileReport } from '../../../contract/features/reconcile';
import type { FeatureContext } from '../../../main/app/feature-context';
import { createEventBus } from '../../../main/ipc/event-bus';
import type { ReconcileService } from '../../../main/sync/reconcile';
import { line, sampleReport } from '../../fixtures/reconcile-report';
import { makeTempDir } from '../../support/temp-dir';

const fake = vi.hoisted(() => ({ service: undefined as unknown as ReconcileService }));
vi.mock('../../../main/app/reconcile-wiring', () => ({ createProfileReconcileService: () => fake.service }));
const { createReconcileHandlers } = await import('../../../main/app/features/reconcile-handlers');

const october = sampleReport({ from: '2026-10-01', to: '2026-10-31' });
/** The smallest thing countPdfPages and the %PDF- check accept. */
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Page >> endobj\n%%EOF');

let temp: ReturnType<typeof makeTempDir>;
let last: ReconcileReport | null;
let runs: ReconcileRange[];
let printed: string[];
let events: Array<{ event: string; payload: unknown }>;

function handlers(overrides: Partial<FeatureContext> = {}) {
  const bus = createEventBus();
  bus.attach((event, payload) => events.push({ event, payload }));
  const context = { dataDir: temp.dir, bus, printToPdf: async (html: string) => (printed.push(html), PDF), ...overrides } as unknown as FeatureContext;
  return createReconcileHandlers(context);
}

beforeEach(() => {
  temp = makeTempDir('ccxa-reconcile-handlers-');
  last = october;
  runs = [];
  printed = [];
  events = [];
  fake.service = {
    run: async (range, onProgress) => {
      runs.push(range);
      onProgress?.({ phase: 'reading', documents: 1000, calls: 1 });
      last = sampleReport({ from: range.from!, to: range.to! });
      return last;
    },
    last: () => last,
    lines: async () => ({ rows: [], total: 0, nextCursor: null }),
    allLines: async () => [line('T-1012', { drift: ['voided'] }), line('T-1015')],
    // As the real service: the last report when it is the range asked for, else a comparison of that range first.
    snapshot: async (range) => {
      const service = fake.service!;
      const wanted = { ...(last ? { from: last.from, to: last.to } : {}), ...range };
      const report = last && last.from === wanted.from && last.to === wanted.to ? last : await service.run(wanted, undefined);
      return { report, lines: await service.allLines() };
    },
    resolve: async () => ({ message: 'done', report: october }),
  };
});
afterEach(() => temp.cleanup());

describe('the reconcile handlers', () => {
  it('send a comparison’s progress out as reconcile.progress', async () => {
    await handlers()['reconcile.run']({ from: '2026-10-01', to: '2026-10-31' });
    expect(events).toEqual([{ event: 'reconcile.progress', payload: { phase: 'reading', documents: 1000, calls: 1 } }]);
  });

  it('write the last report’s close pack into the exports folder without reading Xero again', async () => {
    const pack = await handlers()['reconcile.exportClosePack']({ from: '2026-10-01', to: '2026-10-31' });
    expect(runs).toEqual([]);
    expect(pack).toEqual({
      folder: path.join(temp.dir, 'exports'),
      pdf: path.join(temp.dir, 'exports', 'close-pack-2026-10-01-to-2026-10-31.pdf'),
      csv: path.join(temp.dir, 'exports', 'close-pack-2026-10-01-to-2026-10-31.csv'),
      pages: 1,
    });
    expect(readFileSync(pack.csv, 'utf8')).toContain('T-1012');
    expect(printed).toHaveLength(1);
    expect(existsSync(pack.pdf)).toBe(true);
  });

  it('compare the range asked for when it is not the last report’s', async () => {
    const pack = await handlers()['reconcile.exportClosePack']({ from: '2026-09-01', to: '2026-09-30' });
    expect(runs).toEqual([{ from: '2026-09-01', to: '2026-09-30' }]);
    expect(path.basename(pack.pdf)).toBe('close-pack-2026-09-01-to-2026-09-30.pdf');
  });

  it('compare first when nothing was compared yet, and go where the save dialog says', async () => {
    last = null;
    fake.service.run = async (range) => {
      runs.push(range);
      return (last = october);
    };
    await handlers()['reconcile.exportClosePack']({});
    expect(runs).toEqual([{}]);

    const chosen = path.join(temp.dir, 'Accountant', 'October.pdf');
    const pack = await handlers({ chooseSavePath: async () => chosen })['reconcile.exportClosePack']({});
    expect(pack).toMatchObject({ pdf: chosen, csv: path.join(temp.dir, 'Accountant', 'October.csv') });
    await expect(handlers({ chooseSavePath: async () => undefined })['reconcile.exportClosePack']({})).rejects.toMatchObject({ kind: 'ExportCancelled' });
  });
});
