/**
 * The moderation service: moderators work a queue of submitted tips and decide each one exactly once.
 *
 * <p>By feature: {@code tip} holds the one MongoDB document per tip that every other feature
 * reads and writes; {@code queue} fills the queue from {@code TipSubmitted} events and shows it;
 * {@code decision} records decisions and announces them as {@code TipDecided} events;
 * {@code security} is the moderator accounts and how they sign in; {@code web} what the pages share.
 */
package org.newsdesk.moderation;
