import { createInMemoryTopicStore } from '../../fakes/in-memory-topic-store.js';
import { describeTopicStoreContract } from './topic-store-contract.js';

describeTopicStoreContract('in-memory fake', async () => ({
  store: createInMemoryTopicStore(),
  cleanup: async () => {},
}));
