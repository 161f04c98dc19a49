import { describe, expect, it } from 'vitest';
import { addressWithoutLink, linkIn, type Address } from './address';

const LINK = 's=1.eJyrVkrOz0nVDc7LL8pJUbJSSs3LLKlUqgUAc3cJhw';
const at = (pathname: string, search = '', hash = ''): Address => ({ pathname, search, hash });

describe('the link in an address', () => {
  it('is the fragment when there is one', () => {
    expect(linkIn(at('/', '', `#${LINK}`))).toBe(`#${LINK}`);
  });

  it('is the query of a link whose # became ?', () => {
    expect(linkIn(at('/', `?${LINK}`))).toBe(`#${LINK}`);
  });

  it.each([
    ['at the root', at(`/%23${LINK}`)],
    ['lower case', at(`/%23${LINK.replace('s=', 's%3d')}`)],
    ['escaped twice', at(`/%2523${LINK}`)],
    ['under a folder', at(`/dynamoscope/%23${LINK}`)],
  ])('is found after a # escaped as %%23 (%s): chat apps send it as part of the path', (_name, address) => {
    expect(linkIn(address).replace('%3d', '=')).toBe(`#${LINK}`);
  });

  it('is found after an escaped # in the query, when s= follows it', () => {
    expect(linkIn(at('/', `?lang=en%23${LINK}`))).toBe(`#${LINK}`);
    expect(linkIn(at('/', '?ref=a%23b'))).toBe('');
  });

  it('is whatever follows an escaped # in the path, so that it is said rather than ignored', () => {
    expect(linkIn(at('/%23s=1'))).toBe('#s=1');
    expect(linkIn(at('/%23about'))).toBe('#about');
  });

  it('is empty for a plain address', () => {
    expect(linkIn(at('/'))).toBe('');
    expect(linkIn(at('/', '?lang=en', '#'))).toBe('');
  });
});

describe('an address without its link', () => {
  it.each([
    [at('/', '', `#${LINK}`), '/'],
    [at('/', `?${LINK}`), '/'],
    [at('/', `?lang=en&${LINK}`), '/?lang=en'],
    [at(`/%23${LINK}`), '/'],
    [at(`/dynamoscope/%2523${LINK}`), '/dynamoscope/'],
    [at('/', `?lang=en%23${LINK}`), '/?lang=en'],
    [at('/', '?ref=a%23b'), '/?ref=a%23b'],
  ])('%j is %s', (address, expected) => {
    expect(addressWithoutLink(address)).toBe(expected);
  });
});
