import { describe, expect, it } from 'vitest'
import { linkTarget, splitLinks } from '@/domain/messageLinks'

const links = (message: string) => splitLinks(message).filter((part) => part.href !== undefined)

describe('splitLinks', () => {
  it('cuts a message into text and http(s) links, losing nothing', () => {
    const message = 'see https://example.com/a?b=1#c and http://example.org, then stop.'
    const parts = splitLinks(message)
    expect(parts).toEqual([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { text: ' and ' },
      { text: 'http://example.org', href: 'http://example.org/' },
      { text: ', then stop.' },
    ])
    expect(parts.map((part) => part.text).join('')).toBe(message)
  })

  it('keeps a message without links whole, the empty one included', () => {
    expect(splitLinks('just words')).toEqual([{ text: 'just words' }])
    expect(splitLinks('')).toEqual([{ text: '' }])
  })

  it('leaves sentence punctuation and unopened brackets outside the link', () => {
    expect(links('(see https://example.com/x)')).toEqual([
      { text: 'https://example.com/x', href: 'https://example.com/x' },
    ])
    expect(links('https://en.wikipedia.org/wiki/Vue_(framework)!')).toEqual([
      {
        text: 'https://en.wikipedia.org/wiki/Vue_(framework)',
        href: 'https://en.wikipedia.org/wiki/Vue_(framework)',
      },
    ])
    expect(links('"https://example.com"')[0].text).toBe('https://example.com')
    expect(links('<https://example.com>')[0].text).toBe('https://example.com')
  })

  it('accepts any letter case in the scheme, and links to the normalised address', () => {
    expect(links('HTTPS://Example.COM/Path')).toEqual([
      { text: 'HTTPS://Example.COM/Path', href: 'https://example.com/Path' },
    ])
  })

  it('gives an international host as its ASCII form, for the tooltip to show where it really goes', () => {
    // A Cyrillic "а" in place of the Latin one.
    expect(links('https://ex\u0430mple.com')[0].href).toBe('https://xn--exmple-4nf.com/')
  })

  const hostile = [
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'java\nscript:alert(1)',
    ' javascript://%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/path',
    '\\\\evil.example\\share',
    'www.example.com',
    'ftp://example.com',
    'http://',
    'https://',
    'https:/example.com',
    'https:///evil.example',
    'https:\\\\evil.example',
    'https\uff1a//evil.example',
    'xhttps://evil.example',
    'evil/https://evil.example',
    'https://bank.example@evil.example',
    'https://user:pass@evil.example/',
    'https://bank.example%2F@evil.example',
    'https://[::1',
    '<a href="javascript:alert(1)">click</a>',
    '<img src=x onerror="alert(1)">',
  ]
  for (const text of hostile) {
    it(`never links ${JSON.stringify(text)}`, () => {
      const parts = splitLinks(text)
      expect(parts.map((part) => part.text).join('')).toBe(text)
      expect(parts.filter((part) => part.href !== undefined)).toEqual([])
    })
  }

  it('links only the http(s) address next to a hostile one, ending at quotes and control characters', () => {
    expect(links('javascript:alert(1) https://example.com')).toEqual([
      { text: 'https://example.com', href: 'https://example.com/' },
    ])
    expect(links('https://example.com" onclick="alert(1)')).toEqual([
      { text: 'https://example.com', href: 'https://example.com/' },
    ])
    // A right-to-left override would make the address read differently from where it goes.
    expect(links('https://example.com\u202egpj.exe')[0].text).toBe('https://example.com')
    expect(links('https://example.com\u0000x')[0].text).toBe('https://example.com')
  })

  it('handles a long message quickly and completely', () => {
    const message = 'https://example.com/'.repeat(100) + ' ' + 'x'.repeat(2000)
    expect(
      splitLinks(message)
        .map((part) => part.text)
        .join(''),
    ).toBe(message)
  })
})

describe('linkTarget', () => {
  it('accepts http and https addresses with a host only', () => {
    expect(linkTarget('https://example.com')).toBe('https://example.com/')
    expect(linkTarget('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x')
    expect(linkTarget('javascript:alert(1)')).toBeNull()
    expect(linkTarget('https://a@b.example')).toBeNull()
  })
})
