import { join } from 'node:path';
import {
  AppConfig,
  answerUnparsableRequestsInJson,
  createValidationPipe,
  quietNestStartup,
  useRequestBodyParsers,
} from '@accord/platform';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { accordAssetsDir, govukFrontendDir, govukInlineScriptHash } from './web/page-renderer';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests alike. */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  // Paths match exactly as written (SPEC §4): `/API/V1/…` and `/api/v1/users/` are not routes.
  // Both settings are read when Express builds its router, so they are set before Nest adds one.
  const server = express();
  server.set('case sensitive routing', true);
  server.set('strict routing', true);
  server.set('trust proxy', config.trustProxy);
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.forRoot(config),
    new ExpressAdapter(server),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(quietNestStartup(app.get(Logger)));
  answerUnparsableRequestsInJson(app.getHttpServer());
  // Helmet's CSP, with GOV.UK Frontend's one inline script (it marks the body js-enabled)
  // allowed by its hash; every other script and style comes from this origin.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { scriptSrc: ["'self'", govukInlineScriptHash()] },
      },
    }),
  );
  useRequestBodyParsers(app);
  // The pages' assets at /assets: GOV.UK Frontend's fonts, images, CSS and JavaScript, and ours.
  const govuk = join(govukFrontendDir(), 'govuk');
  const assets = { immutable: false, maxAge: '1h', index: false, fallthrough: true } as const;
  app.useStaticAssets(join(govuk, 'assets'), { prefix: '/assets/', ...assets });
  for (const file of ['govuk-frontend.min.css', 'govuk-frontend.min.js']) {
    app.use(`/assets/${file}`, express.static(join(govuk, file), { ...assets }));
  }
  app.useStaticAssets(accordAssetsDir(), { prefix: '/assets/', ...assets });
  app.useGlobalPipes(createValidationPipe());
  // Outside /api/v1, like health and metrics: `/docs` (Swagger UI) and `/docs-json`. The UI's
  // scripts and styles are served from here, so helmet's default CSP lets the page load.
  const openApi = new DocumentBuilder()
    .setTitle('Accord API')
    .setDescription('The ledger of joint working between consultancies and English councils')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { validatorUrl: null },
  });
  return app;
}
