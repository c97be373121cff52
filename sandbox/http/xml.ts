/**
 * Xero answers in XML unless the client sends `Accept: application/json`. The sandbox's XML is a minimal,
 * generic rendering of the same data (collections become <Invoices><Invoice>…), enough for a client to see it
 * forgot the Accept header; it is not a faithful copy of Xero's XML.
 */

const IRREGULAR: Record<string, string> = { Addresses: 'Address', Elements: 'DataContractBase', Warnings: 'Warning', TaxComponents: 'TaxComponent' };

function singular(name: string): string {
  if (IRREGULAR[name]) return IRREGULAR[name];
  if (name.endsWith('sses')) return name.slice(0, -2);
  if (name.endsWith('s')) return name.slice(0, -1);
  return `${name}Item`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') {
    const m = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(value);
    if (m) return new Date(Number(m[1])).toISOString().slice(0, 19);
    return escape(value);
  }
  return escape(String(value));
}

function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const child = singular(name);
    return `<${name}>${value.map((v) => element(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${scalar(value)}</${name}>`;
}

export function jsonBodyToXml(body: string): string {
  const value = JSON.parse(body) as Record<string, unknown>;
  const root = 'ErrorNumber' in value ? 'ApiException' : 'Response';
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}
