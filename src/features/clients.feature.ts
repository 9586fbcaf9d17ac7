import { CreateClient1763800000100 } from '../../migrations/1763800000100-CreateClient.js';
import { clientsFeature } from '../bot/features/clients.js';
import { ClientService } from '../domain/clients/client.service.js';
import { clientEntities } from '../persistence/entities/clients.entities.js';
import { TypeOrmClientRepository } from '../persistence/repositories/client.repository.js';
import clientsTexts from '../i18n/catalog/clients.js';
import { defineFeature } from './feature.js';

/** Clients: 查, 我的客户, the detail card, ownership and the phone number behind R-INFO-2. */
export const clients = defineFeature({
  name: 'clients',
  catalogs: [clientsTexts],
  entities: clientEntities,
  migrations: [CreateClient1763800000100],
  repositories: (em) => ({ clients: new TypeOrmClientRepository(em) }),
  services: ({ clock, config }) => ({
    clients: new ClientService({ clock, settings: { timezone: config.timezone, ...config.settings.forms } }),
  }),
  routers: [clientsFeature],
});
