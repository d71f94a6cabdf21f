import type { ClientFrame, Room } from '@anxin/common';

/**
 * The video call: one RTCPeerConnection between the two browsers, signalled over the room's
 * socket. Media goes peer to peer (or through the organisation's TURN server), never through ours.
 *
 * Negotiation follows the "perfect negotiation" pattern: either side may (re)negotiate, and when
 * both offer at once the polite side (the client) yields to the counselor's offer. A connection
 * exists only while both parties are in the room; when the other party leaves or hangs up it is
 * closed and a fresh one is made on their return, so neither side keeps stale state.
 */

export type SignalOut = Extract<ClientFrame, { type: 'signal' }>['signal'];

export interface CallSnapshot {
  /** The connection's state, or 'none' while the other party is away. */
  connectionState: RTCPeerConnectionState | 'none';
  local: MediaStream | null;
  remote: MediaStream | null;
  remoteTracks: number;
  camera: boolean;
  microphone: boolean;
  /** The camera or microphone could not be opened (refused, missing). */
  mediaError: string | null;
}

export interface CallOptions {
  role: Room['role'];
  iceServers: Room['iceServers'];
  send: (signal: SignalOut) => boolean;
  onChange: (snapshot: CallSnapshot) => void;
}

/** How long the client waits for the counselor's first offer before making one itself. */
const FIRST_OFFER_GRACE_MS = 2500;

export class Call {
  private pc: RTCPeerConnection | null = null;
  private readonly polite: boolean;
  private makingOffer = false;
  private ignoreOffer = false;
  /** Signals that came before the presence frame that makes the connection; played after it. */
  private early: unknown[] = [];
  private state: CallSnapshot = {
    connectionState: 'none',
    local: null,
    remote: null,
    remoteTracks: 0,
    camera: true,
    microphone: true,
    mediaError: null,
  };

  constructor(private readonly options: CallOptions) {
    this.polite = options.role !== 'counselor';
  }

  get snapshot(): CallSnapshot {
    return this.state;
  }

  /** Opens the camera and/or microphone; the call carries them from then on. */
  async startMedia(video: boolean): Promise<void> {
    if (this.state.local) return;
    try {
      const local = await navigator.mediaDevices.getUserMedia({ audio: true, video });
      this.update({ local, mediaError: null, camera: video, microphone: true });
      if (this.pc) this.addTracks(this.pc, local);
    } catch (error) {
      this.update({ mediaError: error instanceof Error ? error.name : 'unknown' });
    }
  }

  /** The other party is here: a new connection (the old one, if any, belongs to their last visit). */
  peerArrived(): void {
    this.closeConnection();
    const pc = new RTCPeerConnection({ iceServers: this.options.iceServers });
    this.pc = pc;
    pc.addEventListener('negotiationneeded', () => {
      // The first offer is the counselor's: two offers crossing at the start make Chromium's
      // rollback drop the polite side's ICE gathering now and then. The client offers only if
      // none came within a moment (the counselor has no camera or microphone on), or later on
      // to renegotiate an established call.
      if (this.polite && !pc.remoteDescription) {
        setTimeout(() => {
          if (this.pc === pc && !pc.remoteDescription && pc.signalingState === 'stable')
            void this.offer(pc);
        }, FIRST_OFFER_GRACE_MS);
        return;
      }
      void this.offer(pc);
    });
    pc.addEventListener('icecandidate', ({ candidate }) => {
      if (this.pc !== pc) return;
      this.options.send({
        kind: 'candidate',
        candidate: candidate?.candidate ?? null,
        sdpMid: candidate?.sdpMid ?? null,
        sdpMLineIndex: candidate?.sdpMLineIndex ?? null,
      });
    });
    pc.addEventListener('connectionstatechange', () => {
      if (this.pc !== pc) return;
      this.update({ connectionState: pc.connectionState });
      // A changed network (a phone leaving Wi-Fi): new candidates, same call.
      if (pc.connectionState === 'failed' && !this.polite) pc.restartIce();
    });
    pc.addEventListener('track', ({ track, streams }) => {
      if (this.pc !== pc) return;
      const remote = streams[0] ?? this.state.remote ?? new MediaStream();
      if (!remote.getTracks().includes(track)) remote.addTrack(track);
      track.addEventListener('ended', () => {
        this.update({
          remoteTracks: remote.getTracks().filter((t) => t.readyState === 'live').length,
        });
      });
      this.update({ remote, remoteTracks: remote.getTracks().length });
    });
    this.update({ connectionState: pc.connectionState, remote: null, remoteTracks: 0 });
    if (this.state.local) this.addTracks(pc, this.state.local);
    const early = this.early;
    this.early = [];
    void early.reduce<Promise<void>>(
      (previous, signal) => previous.then(() => this.receive(signal)),
      Promise.resolve(),
    );
  }

  /** The other party left or hung up. */
  peerLeft(): void {
    this.early = [];
    this.closeConnection();
  }

  async receive(signal: unknown): Promise<void> {
    const pc = this.pc;
    if (typeof signal !== 'object' || signal === null) return;
    if (!pc) {
      if (this.early.length < 200) this.early.push(signal);
      return;
    }
    const data = signal as { kind?: unknown };
    try {
      if (data.kind === 'offer' || data.kind === 'answer') {
        const { sdp } = signal as { sdp: string };
        const collision =
          data.kind === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) return;
        await pc.setRemoteDescription({ type: data.kind, sdp });
        if (data.kind === 'offer') {
          await pc.setLocalDescription();
          const answer = pc.localDescription;
          if (answer) this.options.send({ kind: 'answer', sdp: answer.sdp });
        }
      } else if (data.kind === 'candidate') {
        const c = signal as {
          candidate: string | null;
          sdpMid?: string | null;
          sdpMLineIndex?: number | null;
        };
        await pc.addIceCandidate(
          c.candidate === null
            ? null
            : {
                candidate: c.candidate,
                sdpMid: c.sdpMid ?? null,
                sdpMLineIndex: c.sdpMLineIndex ?? null,
              },
        );
      } else if (data.kind === 'hangup') {
        this.closeConnection();
      }
    } catch {
      // A candidate for an offer we ignored fails here by design; anything else the next
      // negotiation repairs, and the state attribute shows what happened.
    }
  }

  setCamera(on: boolean): void {
    for (const track of this.state.local?.getVideoTracks() ?? []) track.enabled = on;
    this.update({ camera: on });
  }

  setMicrophone(on: boolean): void {
    for (const track of this.state.local?.getAudioTracks() ?? []) track.enabled = on;
    this.update({ microphone: on });
  }

  /** Ends the call on both sides; chat goes on. */
  hangUp(): void {
    this.options.send({ kind: 'hangup' });
    this.closeConnection();
    this.stopMedia();
  }

  /** Leaving the page: everything off, the camera light included. */
  dispose(): void {
    this.closeConnection();
    this.stopMedia();
  }

  private async offer(pc: RTCPeerConnection): Promise<void> {
    try {
      this.makingOffer = true;
      await pc.setLocalDescription();
      const offer = pc.localDescription;
      if (offer && this.pc === pc) this.options.send({ kind: 'offer', sdp: offer.sdp });
    } catch {
      // Negotiation is retried on the next negotiationneeded.
    } finally {
      this.makingOffer = false;
    }
  }

  private addTracks(pc: RTCPeerConnection, stream: MediaStream): void {
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
  }

  private closeConnection(): void {
    const pc = this.pc;
    this.pc = null;
    this.makingOffer = false;
    this.ignoreOffer = false;
    pc?.close();
    this.update({ connectionState: 'none', remote: null, remoteTracks: 0 });
  }

  private stopMedia(): void {
    for (const track of this.state.local?.getTracks() ?? []) track.stop();
    this.update({ local: null });
  }

  private update(patch: Partial<CallSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state);
  }
}
