import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { dtoSchemas } from './dto-schemas';
import { APPOINTMENT_VIEW_SCHEMAS } from './appointment-view-schemas';
import { CALLS_VIEW_SCHEMAS } from './calls-view-schemas';
import { MESSAGING_VIEW_SCHEMAS } from './messaging-view-schemas';
import { VIEW_SCHEMAS } from './view-schemas';

export const DOCS_PATH = 'api/docs';

/** The OpenAPI document of the running app: routes from the controllers, schemas from contracts. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('Conversations API')
    .setDescription(
      [
        'The HTTP API of the Conversations inbox. Every route except health, docs and the local dev token needs',
        '`Authorization: Bearer <token>` (claims: `sub` = user id, `tid` = tenant id); data is always that tenant’s.',
        'Errors are `{ "error": { "code", "message", "fields"?, "details"? } }`. Send `x-request-id` to correlate logs;',
        'it is echoed back on every response.',
      ].join(' '),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurity('access_token', {
      type: 'apiKey',
      in: 'query',
      name: 'access_token',
      description: 'for EventSource, which cannot send headers (events route only)',
    })
    .build();
  const document = SwaggerModule.createDocument(app, base);
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...dtoSchemas(),
      ...VIEW_SCHEMAS,
      ...APPOINTMENT_VIEW_SCHEMAS,
      ...MESSAGING_VIEW_SCHEMAS,
      ...CALLS_VIEW_SCHEMAS,
    },
  };
  return document;
}

/** Swagger UI at /api/docs, the document at /api/docs-json. */
export function setupApiDocs(app: INestApplication): void {
  const document = createOpenApiDocument(app);
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    customSiteTitle: 'Conversations API',
    raw: ['json'],
  });
}
