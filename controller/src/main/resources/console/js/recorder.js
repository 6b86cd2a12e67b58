// Microphone capture (getUserMedia + AudioWorklet, ScriptProcessor where worklets are missing),
// 16-bit PCM conversion and WAV encoding, all in the browser.
import { t } from './i18n.js';

export function micAvailable() {
  return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

/** Opens the microphone; onChunk(Float32Array) gets mono samples at mic.rate. */
export async function openMic(onChunk) {
  if (!micAvailable()) {
    throw new Error(window.isSecureContext ? t('mic.unsupported') : t('mic.insecure'));
  }
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
  const ctx = new (window.AudioContext || window.webkitAudioContext)();
  if (ctx.state === 'suspended') await ctx.resume();
  const source = ctx.createMediaStreamSource(stream);
  const sink = ctx.createGain();
  sink.gain.value = 0;
  sink.connect(ctx.destination);
  let node;
  if (ctx.audioWorklet && window.AudioWorkletNode) {
    await ctx.audioWorklet.addModule('/console/js/pcm-worklet.js');
    node = new AudioWorkletNode(ctx, 'pcm-capture', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
    node.port.onmessage = (e) => onChunk(e.data);
  } else {
    node = ctx.createScriptProcessor(4096, 1, 1);
    node.onaudioprocess = (e) => onChunk(new Float32Array(e.inputBuffer.getChannelData(0)));
  }
  source.connect(node);
  node.connect(sink);
  return {
    rate: ctx.sampleRate,
    async stop() {
      try { source.disconnect(); node.disconnect(); } catch (e) { /* already gone */ }
      stream.getTracks().forEach((tr) => tr.stop());
      await ctx.close();
    },
  };
}

export function toInt16(f32) {
  const out = new Int16Array(f32.length);
  for (let i = 0; i < f32.length; i++) {
    const v = Math.max(-1, Math.min(1, f32[i]));
    out[i] = v < 0 ? v * 0x8000 : v * 0x7fff;
  }
  return out;
}

export function rms(f32) {
  let s = 0;
  for (let i = 0; i < f32.length; i++) s += f32[i] * f32[i];
  return Math.sqrt(s / Math.max(1, f32.length));
}

/** A mono 16-bit PCM WAV file from Float32 chunks. */
export function encodeWav(chunks, rate) {
  const samples = chunks.reduce((n, c) => n + c.length, 0);
  const buf = new ArrayBuffer(44 + samples * 2);
  const v = new DataView(buf);
  const str = (o, s) => { for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i)); };
  str(0, 'RIFF'); v.setUint32(4, 36 + samples * 2, true); str(8, 'WAVE');
  str(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, 1, true); v.setUint16(22, 1, true);
  v.setUint32(24, rate, true); v.setUint32(28, rate * 2, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  str(36, 'data'); v.setUint32(40, samples * 2, true);
  let o = 44;
  for (const c of chunks) {
    const pcm = toInt16(c);
    for (let i = 0; i < pcm.length; i++, o += 2) v.setInt16(o, pcm[i], true);
  }
  return new Blob([buf], { type: 'audio/wav' });
}
