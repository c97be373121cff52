/** Countries and currencies by name, in Irish English (Xero gives codes: IE, EUR). Falls back to the code. */
const regions = new Intl.DisplayNames(['en-IE'], { type: 'region' });
const currencies = new Intl.DisplayNames(['en-IE'], { type: 'currency' });

export function countryName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "Euro (EUR)": the name a person knows, with the code Xero and bank statements show. */
export function currencyName(code: string | undefined): string | undefined {
  if (!code) return undefined;
  try {
    const name = currencies.of(code.toUpperCase());
    return name && name !== code ? `${name.charAt(0).toUpperCase()}${name.slice(1)} (${code})` : code;
  } catch {
    return code;
  }
}
