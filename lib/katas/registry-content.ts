// The further katas that cover every question-bank section (added one import per kata, kept apart from the core list).
import type { Kata } from './types';

export const CONTENT_KATAS: readonly Kata[] = [];
