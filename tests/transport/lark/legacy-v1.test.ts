import { describe, expect, it } from 'vitest';
import { toUpdate } from '../../../src/bot/update.js';
import { v1EnvelopeSchema, v2EnvelopeSchema } from '../../../src/transport/lark/envelope.schema.js';
import { v1ToV2, type V1Envelope } from '../../../src/transport/lark/legacy-v1.js';

/** Feishu's documented v1.0 接收消息 text sample (deprecated event page), with ids filled in. */
function v1Message(event: Record<string, unknown> = {}): V1Envelope {
  return v1EnvelopeSchema.parse({
    uuid: '41b5f371157e3d5341b38b20396e77e3',
    token: '2g7als3DgPW6Xp1xEpmcvgVhQG621bFY',
    ts: '1550038209.428520',
    type: 'event_callback',
    event: {
      type: 'message',
      app_id: 'cli_xxx',
      tenant_key: 'tenant_x',
      root_id: '',
      parent_id: '',
      open_chat_id: 'oc_5ce6d572455d361153b7cb51da133945',
      chat_type: 'private',
      msg_type: 'text',
      open_id: 'ou_18eac85d35a26f989317ad4f02e8bbbb',
      employee_id: 'e1',
      union_id: 'on_1',
      open_message_id: 'om_36686ee62209da697d8775375d0c8e88',
      is_mention: false,
      text: '帮助',
      text_without_at_bot: '帮助',
      ...event,
    },
  }) as V1Envelope;
}

describe('legacy v1.0 message events are understood like im.message.receive_v1', () => {
  it('E6: a private text message becomes a p2p im.message.receive_v1 with the same ids and text', () => {
    const { env, gaps } = v1ToV2(v1Message());
    expect(gaps).toEqual([]);
    expect(v2EnvelopeSchema.safeParse(env).success).toBe(true);
    expect(env.header).toMatchObject({
      event_id: '41b5f371157e3d5341b38b20396e77e3',
      event_type: 'im.message.receive_v1',
      token: '2g7als3DgPW6Xp1xEpmcvgVhQG621bFY',
      create_time: '1550038209429',
      app_id: 'cli_xxx',
      tenant_key: 'tenant_x',
    });
    const u = toUpdate(env);
    expect(u).toEqual({
      kind: 'message',
      eventId: '41b5f371157e3d5341b38b20396e77e3',
      messageId: 'om_36686ee62209da697d8775375d0c8e88',
      chatId: 'oc_5ce6d572455d361153b7cb51da133945',
      chatType: 'p2p',
      senderOpenId: 'ou_18eac85d35a26f989317ad4f02e8bbbb',
      messageType: 'text',
      text: '帮助',
      mentions: [],
    });
  });

  it('E6: in a group, every <at open_id> (the bot included) becomes an @_user_N placeholder and a mention, in order', () => {
    const { env, gaps } = v1ToV2(
      v1Message({
        chat_type: 'group',
        is_mention: true,
        text: '<at open_id="ou_bot">@招商助手</at> 添加成员 <at open_id="ou_zhang">@张三</at> 招商员',
        text_without_at_bot: ' 添加成员 <at open_id="ou_zhang">@张三</at> 招商员',
      }),
    );
    expect(gaps).toEqual([]);
    const message = env.event.message as { content: string };
    expect(JSON.parse(message.content)).toEqual({ text: '@_user_1 添加成员 @_user_2 招商员' });
    const u = toUpdate(env);
    expect(u.kind === 'message' && u.chatType).toBe('group');
    expect(u.kind === 'message' && u.text).toBe('添加成员 招商员');
    expect(u.kind === 'message' && u.mentions).toEqual([
      { key: '@_user_1', openId: 'ou_bot', name: '招商助手' },
      { key: '@_user_2', openId: 'ou_zhang', name: '张三' },
    ]);
  });

  it('E6: a group message that says it mentions the bot but names no bot open_id is reported as a gap', () => {
    const { gaps } = v1ToV2(
      v1Message({ chat_type: 'group', is_mention: true, text: undefined, text_without_at_bot: '帮助' }),
    );
    expect(gaps).toEqual(['bot_mention']);
  });

  it('E6: image and file keep their keys; a post (HTML in v1) cannot be carried over and is reported', () => {
    const image = v1ToV2(
      v1Message({ msg_type: 'image', image_key: 'img_1', text: undefined, text_without_at_bot: undefined }),
    );
    expect(JSON.parse((image.env.event.message as { content: string }).content)).toEqual({ image_key: 'img_1' });
    expect(image.gaps).toEqual([]);
    const post = v1ToV2(v1Message({ msg_type: 'post', text: '<p>测试</p>', title: '测试' }));
    expect(toUpdate(post.env)).toMatchObject({ kind: 'message', messageType: 'post', text: '' });
    expect(post.gaps).toEqual(['message_type']);
  });

  it('a hostile mention name stays text: only the placeholder reaches the command text', () => {
    const { env } = v1ToV2(v1Message({ text: '<at open_id="ou_x">@**阿强**<font color="red">x</font></at> 帮助' }));
    const u = toUpdate(env);
    expect(u.kind === 'message' && u.text).toBe('帮助');
  });

  it('other v1 events (p2p_chat_create) keep their type and body, de-duplicated by uuid', () => {
    const v1 = v1EnvelopeSchema.parse({
      ts: '1502199207.7171419',
      uuid: 'bc447199585340d1f3728d26b1c0297a',
      token: 't',
      type: 'event_callback',
      event: {
        app_id: 'cli_9c8609450f78d102',
        chat_id: 'oc_26b6',
        operator: { open_id: 'ou_2d2c' },
        tenant_key: '7365',
        type: 'p2p_chat_create',
        user: { name: '张三', open_id: 'ou_7ded' },
      },
    }) as V1Envelope;
    const { env, gaps } = v1ToV2(v1);
    expect(gaps).toEqual([]);
    expect(env.header).toMatchObject({
      event_id: 'bc447199585340d1f3728d26b1c0297a',
      event_type: 'p2p_chat_create',
      create_time: '1502199207717',
    });
    expect(env.event).toMatchObject({ chat_id: 'oc_26b6', type: 'p2p_chat_create' });
    expect(toUpdate(env)).toMatchObject({ kind: 'event', eventType: 'p2p_chat_create' });
  });
});
