import type { Browser } from 'playwright-core'

export interface Shot {
  label: string
  address: string
  png: Buffer
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)

/**
 * Two page screenshots next to each other, each in a plain window frame with its label and address,
 * rendered by Chromium into one PNG (for the README).
 */
export async function composeSideBySide(browser: Browser, shots: Shot[], caption: string): Promise<Buffer> {
  const frames = shots
    .map(
      (shot) => `
      <figure>
        <div class="bar"><span class="dots"><i></i><i></i><i></i></span>
          <span class="label">${escape(shot.label)}</span><span class="address">${escape(shot.address)}</span></div>
        <img src="data:image/png;base64,${shot.png.toString('base64')}" alt="">
      </figure>`,
    )
    .join('')
  const html = `<!doctype html><html><head><style>
    body { margin: 0; background: #e8edf3; font: 14px/1.4 system-ui, sans-serif; color: #1f2933; }
    main { display: inline-flex; flex-direction: column; gap: 16px; padding: 24px; }
    .row { display: flex; gap: 24px; align-items: flex-start; }
    figure { margin: 0; border-radius: 10px; overflow: hidden; background: #fff;
      box-shadow: 0 2px 4px rgba(0,0,0,.12), 0 8px 24px rgba(0,0,0,.12); }
    .bar { display: flex; align-items: center; gap: 12px; padding: 8px 12px; background: #f1f3f5;
      border-bottom: 1px solid #d9dee3; }
    .dots i { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 50%; background: #c4cad1; }
    .label { font-weight: 600; }
    .address { flex: 1; padding: 2px 10px; border-radius: 12px; background: #fff; color: #52606d; }
    img { display: block; }
    p { margin: 0; text-align: center; color: #52606d; }
  </style></head><body><main><div class="row">${frames}</div><p>${escape(caption)}</p></main></body></html>`
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } })
  try {
    await page.setContent(html)
    await page.evaluate(() => Promise.all(Array.from(document.images).map((image) => image.decode())))
    return await page.locator('main').screenshot()
  } finally {
    await page.close()
  }
}
