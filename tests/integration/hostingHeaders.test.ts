import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { preview, type PreviewServer } from 'vite'
import { parse } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CUSTOM_HTTP_FILE, customHttpYaml } from '../../hosting/customHttpYaml'
import {
  HOSTING_HEADERS,
  LOOPBACK_CONNECT_SOURCES,
  PREVIEW_HEADERS,
  contentSecurityPolicy,
  AWS_CONNECT_SOURCES,
} from '../../hosting/securityHeaders'

const projectRoot = path.resolve(import.meta.dirname, '../..')

// The app's security headers come from hosting/securityHeaders.ts; Amplify Hosting reads them from
// customHttp.yml and `vite preview` (which the e2e suite serves the build with) from vite.config.ts.
describe('security headers: one source for Amplify Hosting and the preview server', () => {
  it('customHttp.yml is the one generated from hosting/securityHeaders.ts (run `npx tsx hosting/writeCustomHttp.ts`)', async () => {
    const committed = await readFile(path.join(projectRoot, CUSTOM_HTTP_FILE), 'utf8')
    expect(committed).toBe(customHttpYaml())
  })

  it('customHttp.yml sends every header on every path, in the Amplify Hosting format', async () => {
    const parsed = parse(await readFile(path.join(projectRoot, CUSTOM_HTTP_FILE), 'utf8'))
    expect(parsed).toEqual({
      customHeaders: [
        {
          pattern: '**',
          headers: Object.entries(HOSTING_HEADERS).map(([key, value]) => ({ key, value })),
        },
      ],
    })
    for (const name of ['Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options']) {
      expect(HOSTING_HEADERS).toHaveProperty(name)
    }
  })

  it('docs/security.md shows the policy that is deployed', async () => {
    const doc = await readFile(path.join(projectRoot, 'docs', 'security.md'), 'utf8')
    expect(doc).toContain(`\`${HOSTING_HEADERS['Content-Security-Policy']}\``)
  })

  it('the cloud policy allows AWS only; the preview adds just the loopback ports', () => {
    const cloudPolicy = HOSTING_HEADERS['Content-Security-Policy']
    expect(cloudPolicy).toContain("connect-src 'self' https://*.amazonaws.com wss://*.amazonaws.com;")
    expect(cloudPolicy).not.toMatch(/127\.0\.0\.1|localhost|ws:|http:/)
    expect(cloudPolicy).toMatch(/script-src 'self';/)
    expect(cloudPolicy).not.toMatch(/unsafe-eval/)
    expect(cloudPolicy).toMatch(/frame-ancestors 'none'/)
    expect(PREVIEW_HEADERS).toEqual({
      ...HOSTING_HEADERS,
      'Content-Security-Policy': contentSecurityPolicy([...AWS_CONNECT_SOURCES, ...LOOPBACK_CONNECT_SOURCES]),
    })
  })

  describe('vite preview, with the project vite.config.ts', () => {
    let outDir = ''
    let server: PreviewServer | null = null
    let base = ''

    beforeAll(async () => {
      outDir = await mkdtemp(path.join(os.tmpdir(), 'preview-headers-'))
      await mkdir(path.join(outDir, 'assets'))
      await writeFile(path.join(outDir, 'index.html'), '<!doctype html><title>app</title>')
      await writeFile(path.join(outDir, 'assets', 'app.js'), 'export {}')
      server = await preview({
        root: projectRoot,
        configFile: path.join(projectRoot, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir },
        preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
      })
      base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`
    })

    afterAll(async () => {
      await server?.close()
      await rm(outDir, { recursive: true, force: true })
    })

    it.each(['/', '/closed/general', '/index.html', '/assets/app.js'])('sends them with %s', async (url) => {
      const response = await fetch(base + url)
      expect(response.status).toBe(200)
      for (const [name, value] of Object.entries(PREVIEW_HEADERS)) {
        expect(response.headers.get(name), name).toBe(value)
      }
    })
  })
})
