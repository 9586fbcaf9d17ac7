import { AddOutboxReplyTo1763800000900 } from '../../migrations/1763800000900-AddOutboxReplyTo.js';
import { deliveryFeature } from '../bot/features/delivery.js';
import { inboxEntities } from '../persistence/entities/inbox.entities.js';
import { outboxEntities } from '../persistence/entities/outbox.entities.js';
import { OutboxStore } from '../persistence/repositories/outbox-store.js';
import { TypeOrmOutboxWriter } from '../persistence/repositories/outbox.repository.js';
import deliveryTexts from '../i18n/catalog/delivery.js';
import { defineFeature } from './feature.js';

/** The inbox and the outbox every message goes through, and the admin's 发送失败 list (dead letters). */
export const delivery = defineFeature({
  name: 'delivery',
  catalogs: [deliveryTexts],
  entities: [...inboxEntities, ...outboxEntities],
  migrations: [AddOutboxReplyTo1763800000900],
  repositories: (em, hooks) => ({
    outbox: new TypeOrmOutboxWriter(em, hooks.now, hooks.outboxWritten, hooks.outboxLeaseMs),
  }),
  services: ({ db }) => ({ outbox: new OutboxStore(db) }),
  routers: [deliveryFeature],
});
