import { describe, expect, test } from 'vitest';
import { parseStyleParam } from '../../src/map/offlineStyle';

describe('the ?style parameter', () => {
  test('takes an http(s) style URL', () => {
    expect(parseStyleParam('?style=https://tiles.example.org/style.json')).toEqual({
      url: 'https://tiles.example.org/style.json',
      error: null,
    });
  });
  test('is absent by default, so the offline basemap is used', () => {
    expect(parseStyleParam('?seed=3')).toEqual({ url: null, error: null });
  });
  test('refuses a value that is not a URL, naming it', () => {
    expect(parseStyleParam('?style=not a url').error).toMatch(/"not a url" is not a URL/);
  });
  test('refuses other protocols', () => {
    expect(parseStyleParam('?style=javascript:alert(1)').error).toMatch(/"javascript:" is not allowed/);
  });
});
