/** Loads every type file and exports the schema; importing this opens nothing and reads no env. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder';
import './scalars';
import './pagination';
import './errors';
import './node';
import './account';
import './customer';
import './case';
import './follow-up';
import './call';
import './consent';
import './subscriptions';

export const schema = lexicographicSortSchema(builder.toSchema());
