import { describe, expect, it } from 'vitest';
import { cleanText, toUpdate } from '../../src/bot/update.js';
import type { V2Envelope } from '../../src/transport/lark/envelope.schema.js';
import { cardActionEvent, messageEvent } from '../helpers/lark-request.js';

const env = (x: unknown) => x as V2Envelope;

describe('update parsing', () => {
  it('reads a p2p text message', () => {
    const u = toUpdate(env(messageEvent('ou_a', ' 帮助  ', { messageId: 'om_1', chatId: 'oc_p' })));
    expect(u).toMatchObject({
      kind: 'message',
      messageId: 'om_1',
      chatId: 'oc_p',
      chatType: 'p2p',
      senderOpenId: 'ou_a',
      messageType: 'text',
      text: '帮助',
      mentions: [],
    });
  });

  it('reads a group message with mentions and drops the @_user_N placeholders from the text', () => {
    const ev = messageEvent('ou_a', '@_user_1 添加成员 @_user_2 招商员', {
      chatType: 'group',
      mentions: [
        { openId: 'ou_bot', name: '招商助手' },
        { openId: 'ou_b', name: '张三' },
      ],
    });
    const u = toUpdate(env(ev));
    if (u.kind !== 'message') throw new Error('expected a message');
    expect(u.chatType).toBe('group');
    expect(u.text).toBe('添加成员 招商员');
    expect(u.mentions).toEqual([
      { key: '@_user_1', openId: 'ou_bot', name: '招商助手' },
      { key: '@_user_2', openId: 'ou_b', name: '张三' },
    ]);
  });

  it('drops <at> tags (and @_all) the way commands are typed in groups', () => {
    expect(cleanText('<at user_id="ou_bot">招商助手</at>  轮续表')).toBe('轮续表');
    expect(cleanText('<at user_id="all"></at> 开会 @_all')).toBe('开会');
    expect(cleanText('a\n\tb')).toBe('a b');
  });

  it('gives an empty text for non-text messages and unreadable content', () => {
    expect(toUpdate(env(messageEvent('ou_a', 'x', { messageType: 'image' })))).toMatchObject({
      messageType: 'image',
      text: '',
    });
    const broken = messageEvent('ou_a', 'x');
    broken.event.message.content = '{not json';
    expect(toUpdate(env(broken))).toMatchObject({ kind: 'message', text: '' });
  });

  it('treats an unknown chat_type as p2p and tolerates a missing sender', () => {
    const ev = messageEvent('ou_a', 'x') as unknown as {
      event: Record<string, unknown> & { message: Record<string, unknown> };
    };
    ev.event.message.chat_type = 'topic';
    delete ev.event.sender;
    expect(toUpdate(env(ev))).toMatchObject({ chatType: 'p2p', senderOpenId: '' });
  });

  it('reads a card callback: operator, value, form values and where the card is', () => {
    const u = toUpdate(
      env(
        cardActionEvent(
          'ou_op',
          { a: 'x.y', id: 3 },
          { messageId: 'om_c', chatId: 'oc_c', formValue: { name: '李四' }, name: 'submit' },
        ),
      ),
    );
    expect(u).toMatchObject({
      kind: 'card',
      operatorOpenId: 'ou_op',
      messageId: 'om_c',
      chatId: 'oc_c',
      value: { a: 'x.y', id: 3 },
      formValue: { name: '李四' },
      actionName: 'submit',
    });
  });

  it('passes any other event through by type', () => {
    const u = toUpdate(
      env({
        schema: '2.0',
        header: { event_id: 'e1', event_type: 'im.chat.member.bot.added_v1' },
        event: { chat_id: 'oc_1' },
      }),
    );
    expect(u).toEqual({
      kind: 'event',
      eventId: 'e1',
      eventType: 'im.chat.member.bot.added_v1',
      event: { chat_id: 'oc_1' },
    });
  });
});
