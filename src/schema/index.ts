/** Loads every type file and prints nothing, opens nothing: importing this has no side effects. */
import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder';
import './scalars';
import './case';

export const schema = lexicographicSortSchema(builder.toSchema());
