import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { type Caller, decideForOrganisation, UsersService } from '@accord/identity';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { ApprovalsQueue } from './approvals/approvals-queue';

const TEMPLATES = join('apps', 'api', 'web', 'templates');
const ASSETS = join('apps', 'api', 'web', 'assets');

/** The project root: the nearest folder with a package.json, from source and from dist alike. */
function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dir === parse(dir).root) throw new Error(`no project root above ${from}`);
  }
}

export const templatesDir = (): string => join(projectRoot(), TEMPLATES);
export const accordAssetsDir = (): string => join(projectRoot(), ASSETS);

/** `node_modules/govuk-frontend/dist`: its `govuk/` holds the template, macros and assets. */
export function govukFrontendDir(): string {
  return join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
}

/**
 * The CSP hash of the one inline script of GOV.UK Frontend's template (it marks the body
 * `js-enabled` before the page paints), read from the template itself so an upgrade that
 * changes it changes the hash too.
 */
export function govukInlineScriptHash(): string {
  const template = readFileSync(join(govukFrontendDir(), 'govuk', 'template.njk'), 'utf8');
  const script = /<script[^>]*>([^<]*)<\/script>/.exec(template);
  if (!script) throw new Error("GOV.UK Frontend's template has no inline script to allow");
  return `'sha256-${createHash('sha256').update(script[1]).digest('base64')}'`;
}

/** Who is signed in, as the layout shows them, and where their navigation leads. */
export type Visitor = Readonly<{
  caller: Caller;
  name: string;
  organisation: string | null;
  /** What awaits this council approver's decision, or null for anyone else. */
  approvals: number | null;
  mayManageUsers: boolean;
}>;

/** What every page hands its template, besides its own data. */
export type PageData = { title: string } & Record<string, unknown>;

/**
 * Renders the Nunjucks pages: each extends `layout.njk`, which extends GOV.UK Frontend's own
 * template and calls its macros. Autoescaping is on, so no text anyone typed reaches a page as
 * markup.
 */
@Injectable()
export class PageRenderer {
  private readonly env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([templatesDir(), govukFrontendDir()], { noCache: false }),
    { autoescape: true, throwOnUndefined: false },
  );

  constructor(
    private readonly users: UsersService,
    private readonly approvals: ApprovalsQueue,
  ) {}

  /** Renders `template` for `caller` (or nobody) with the navigation that fits them. */
  async send(
    response: Response,
    status: number,
    template: string,
    data: PageData,
    caller?: Caller,
  ): Promise<void> {
    const visitor = caller ? await this.visitor(caller) : undefined;
    const html = this.env.render(`${template}.njk`, {
      ...data,
      visitor,
      currentPath: response.req.path,
    });
    // Pages show one organisation's figures: never kept by a shared cache or the back button's.
    response.status(status).setHeader('Cache-Control', 'no-store').type('html').send(html);
  }

  /** Renders a part of a page that is not one of the layout's pages (autoescaped all the same). */
  fragment(template: string, data: Record<string, unknown>): string {
    return this.env.render(`${template}.njk`, data);
  }

  private async visitor(caller: Caller): Promise<Visitor | undefined> {
    const profile = await this.users.profile(caller).catch((error: unknown) => {
      if (error instanceof UnauthorizedException) return undefined;
      throw error;
    });
    if (!profile) return undefined;
    return {
      caller,
      name: profile.name,
      organisation: profile.organisation?.name ?? null,
      approvals: this.approvals.isApprover(caller)
        ? (await this.approvals.awaiting(caller)).length
        : null,
      // The link shows exactly when the policy would let them through the Users pages.
      mayManageUsers: decideForOrganisation(caller, 'manage_users') === 'allowed',
    };
  }
}
