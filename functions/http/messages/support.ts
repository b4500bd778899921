/** What the message handlers share: the desk's view of a message. Not a route itself. */
import { messageEventLabels } from '../../domain/messages/events.ts';
import { type Message, messageStatusLabels } from '../../domain/messages/message.ts';

export function messageView(message: Message) {
  return {
    ...message,
    eventLabel: messageEventLabels[message.event],
    statusLabel: messageStatusLabels[message.status],
  };
}
