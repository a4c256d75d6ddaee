/**
 * The topic use cases, for the CLI (`kabar topics …`) and the chat moderator commands alike.
 * Each takes its input, then its dependencies as one object ({@link TopicDeps}).
 */
export type { TopicDeps } from './topic-deps.js';
export type { TopicEditResult, TopicRef } from './edit-topic.js';
export { MAX_EDIT_ATTEMPTS } from './edit-topic.js';
export { MAX_TOPIC_NAME_CHARS } from './topic-names.js';
export { addTerm, excludeTerm, removeTerm, termEditChange, TERM_EDIT_KINDS } from './edit-terms.js';
export type { TermEditKind } from './edit-terms.js';
export { previewTopicEdit } from './preview-topic-edit.js';
export type { TopicEditPreview } from './preview-topic-edit.js';
export type { TermEditInput } from './edit-terms.js';
export { createTopic, deleteTopic } from './create-topic.js';
export type { CreateTopicInput, DeleteTopicInput } from './create-topic.js';
export { undoTopicEdit } from './undo-topic-edit.js';
export type { UndoTopicEditInput } from './undo-topic-edit.js';
export { listTopics, showTopic } from './show-topic.js';
export type { TopicDetails, TopicOrigin, TopicSummary } from './show-topic.js';
export { testTopic } from './test-topic.js';
export type { TestTopicInput, TopicTestResult } from './test-topic.js';
export { topicHistory, DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from './topic-history.js';
export type { TopicHistoryInput } from './topic-history.js';
export { seedDefaultTopics, SEED_AUTHOR } from './seed-default-topics.js';
export type { SeedDefaultTopicsInput, SeedResult } from './seed-default-topics.js';
export { createLiveMatcher, DEFAULT_CHECK_EVERY_MS } from './live-matcher.js';
export type { LiveMatcher, LiveMatcherDeps } from './live-matcher.js';
export { loadMatchingTopics } from './matching-topics.js';
export { shippedTopicUpgrades, upgradeShippedTopics } from './upgrade-shipped-topics.js';
export type { ShippedTopicStatus, ShippedUpgradeInput, ShippedUpgradeResult } from './upgrade-shipped-topics.js';
export { confirmRelevance, keepRelevant, restsOnWeakTerms } from './confirm-relevance.js';
export type { ArticleToConfirm, RelevanceDeps } from './confirm-relevance.js';
