import { languageOf } from './messages';

describe('languageOf', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['*', 'zh'],
    ['zh', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['ZH-Hant-TW', 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9,zh;q=0.8', 'en'],
    ['fr-FR', 'en'],
  ])('Accept-Language %p reads as %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });
});
