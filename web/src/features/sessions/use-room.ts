import type { Room } from '@anxin/common';
import { useEffect, useRef, useState } from 'react';
import { Call, type CallSnapshot } from './call.ts';
import { ChatClient, browserSocketFactory, socketUrl, type ChatSnapshot } from './chat-client.ts';

export interface RoomConnection {
  chat: ChatSnapshot;
  call: CallSnapshot;
  /** Null until the effect has run (the first render). */
  client: ChatClient | null;
  callControl: Call | null;
}

/**
 * One socket and one call for the room while the page is open. The chat client drives the call:
 * the other party's presence makes or drops the peer connection, signals reach it as they come.
 */
export function useRoom(room: Room): RoomConnection {
  const clientRef = useRef<ChatClient | null>(null);
  const [controls, setControls] = useState<{ client: ChatClient; call: Call } | null>(null);
  const [chat, setChat] = useState<ChatSnapshot | null>(null);
  const [call, setCall] = useState<CallSnapshot | null>(null);

  useEffect(() => {
    const callControl = new Call({
      role: room.role,
      iceServers: room.iceServers,
      send: (signal) => clientRef.current?.signal(signal) ?? false,
      onChange: setCall,
    });
    const peerPresent = (present: readonly string[]) =>
      present.some((role) => role !== 'observer' && role !== room.role);
    const client = new ChatClient({
      connect: browserSocketFactory(socketUrl(room.id, window.location)),
      onChange: setChat,
      onSignal: (_from, signal) => {
        void callControl.receive(signal);
      },
      onWelcome: (present) => {
        // An observing supervisor watches the chat only; the call is between the two parties.
        if (room.role === 'observer') return;
        // Our socket was away: the other side dropped its connection too, so both start afresh.
        if (peerPresent(present)) callControl.peerArrived();
        else callControl.peerLeft();
      },
      onPresence: (role, present) => {
        if (role === 'observer' || room.role === 'observer') return;
        if (present) callControl.peerArrived();
        else callControl.peerLeft();
      },
    });
    clientRef.current = client;
    setControls({ client, call: callControl });
    setChat(client.snapshot);
    setCall(callControl.snapshot);
    client.start();
    const online = () => {
      client.reconnectNow();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      client.stop();
      callControl.dispose();
      clientRef.current = null;
      setControls(null);
    };
  }, [room.id, room.role, room.iceServers]);

  return {
    chat: chat ?? EMPTY_CHAT,
    call: call ?? EMPTY_CALL,
    client: controls?.client ?? null,
    callControl: controls?.call ?? null,
  };
}

const EMPTY_CHAT: ChatSnapshot = {
  connection: 'connecting',
  attempt: 0,
  room: null,
  present: [],
  messages: [],
  outbox: [],
  peerTyping: false,
  peerReadUpToSeq: 0,
  lastError: null,
};

const EMPTY_CALL: CallSnapshot = {
  connectionState: 'none',
  local: null,
  remote: null,
  remoteTracks: 0,
  camera: false,
  microphone: false,
  mediaError: null,
};
