import type { Activity } from 'botbuilder';
import type { Language } from '../../knowledge/schema';

/** Marks a reply with its language, so channels (and the widget's speech) render it right. */
export function withLocale(activity: Partial<Activity>, language: Language): Partial<Activity> {
  activity.locale = language === 'da' ? 'da-DK' : 'en-US';
  return activity;
}
