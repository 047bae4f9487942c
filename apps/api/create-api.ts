import { AppConfig, createValidationPipe } from '@accord/platform';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';

/** Builds the HTTP application; used by main.ts and by the end-to-end tests alike. */
export async function createApi(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use(helmet());
  app.set('trust proxy', 'loopback');
  app.useGlobalPipes(createValidationPipe());
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
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
