import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { Response } from 'express';
import type { Visitor } from './session/web-session.guard';

const TEMPLATES = join('apps', 'api', 'web', 'templates');

/**
 * The templates, found from the project root (the nearest folder with a package.json) as the
 * council reference list is, so the same code finds them run from source and from dist.
 */
export function templatesDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, TEMPLATES);
    if (dir === parse(dir).root) throw new Error(`no project root above ${from}`);
  }
}

/** What every page's layout reads, besides what the page itself shows. */
export type PageData = { title: string; visitor?: Visitor } & Record<string, unknown>;

/**
 * Renders the Eta templates. Every `<%= %>` is HTML-escaped; the only raw output is a rendered
 * template placed into the layout, so no text a user typed reaches the page unescaped.
 */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({
    views: templatesDir(),
    autoEscape: true,
    cache: true,
    defaultExtension: '.eta',
  });

  send(response: Response, status: number, template: string, data: PageData): void {
    const html = this.eta.render(template, data);
    // Pages show one organisation's figures: never kept by a shared cache or the back button's.
    response.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
  }
}
