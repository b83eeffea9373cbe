//! The result video the emulator serves: a small but real MP4, built in code.
//!
//! It is one second of 64×64 H.264 video with a single frame (Baseline profile, level 1.0): `ftyp`, then
//! `moov` (one video track whose sample table points at the frame), then `mdat` holding the frame. The frame
//! is an IDR picture of 16 `I_PCM` macroblocks — raw 4:2:0 samples, so the bitstream needs no entropy
//! coding and stays exact — painting a diagonal luma gradient over a blue-to-red chroma ramp. Players and
//! `ffprobe` read it as `h264 (Constrained Baseline), yuv420p, 64x64, 1 fps`. About 6.8 KB.

use std::sync::OnceLock;

const WIDTH: u16 = 64;
const HEIGHT: u16 = 64;
/// Ticks per second of the movie and the track.
const TIMESCALE: u32 = 1_000;
/// One frame shown for one second.
const DURATION: u32 = 1_000;
const PROFILE_BASELINE: u8 = 66;
/// `constraint_set0_flag` and `constraint_set1_flag`: also decodable as Constrained Baseline.
const PROFILE_CONSTRAINTS: u8 = 0xC0;
const LEVEL_1_0: u8 = 10;
/// `mb_type` of an `I_PCM` macroblock in an I slice.
const MB_TYPE_I_PCM: u32 = 25;

/// The emulator's result video, built once.
pub fn sample_video() -> &'static [u8] {
    static VIDEO: OnceLock<Vec<u8>> = OnceLock::new();
    VIDEO.get_or_init(build)
}

fn build() -> Vec<u8> {
    let sps = nal_unit(7, &sequence_parameter_set());
    let pps = nal_unit(8, &picture_parameter_set());
    let frame = nal_unit(5, &idr_slice());
    // In MP4 a sample is its NAL units, each after a 4-byte length.
    let mut sample = Vec::with_capacity(frame.len() + 4);
    sample.extend_from_slice(&u32_len(frame.len()).to_be_bytes());
    sample.extend_from_slice(&frame);

    let ftyp = mp4_box(
        b"ftyp",
        &[
            b"isom".as_slice(),
            &512u32.to_be_bytes(),
            b"isom",
            b"iso2",
            b"avc1",
            b"mp41",
        ]
        .concat(),
    );
    // `moov` has the same size whatever the offset, so build it once to learn where `mdat`'s data starts.
    let probe = movie(&sps, &pps, sample.len(), 0);
    let data_offset = ftyp.len() + probe.len() + 8;
    let moov = movie(&sps, &pps, sample.len(), u32_len(data_offset));
    [ftyp, moov, mp4_box(b"mdat", &sample)].concat()
}

/// `moov`: the movie header and one video track whose single chunk is at `chunk_offset`.
fn movie(sps: &[u8], pps: &[u8], sample_size: usize, chunk_offset: u32) -> Vec<u8> {
    let identity_matrix: Vec<u8> = [0x0001_0000u32, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000]
        .iter()
        .flat_map(|v| v.to_be_bytes())
        .collect();
    let mvhd = full_box(
        b"mvhd",
        0,
        0,
        &[
            &0u32.to_be_bytes()[..], // creation time
            &0u32.to_be_bytes(),     // modification time
            &TIMESCALE.to_be_bytes(),
            &DURATION.to_be_bytes(),
            &0x0001_0000u32.to_be_bytes(), // rate 1.0
            &0x0100u16.to_be_bytes(),      // volume 1.0
            &[0; 10],                      // reserved
            &identity_matrix,
            &[0; 24],            // pre_defined
            &2u32.to_be_bytes(), // next track id
        ]
        .concat(),
    );
    let tkhd = full_box(
        b"tkhd",
        0,
        0x3, /* enabled, in movie */
        &[
            &0u32.to_be_bytes()[..],
            &0u32.to_be_bytes(),
            &1u32.to_be_bytes(), // track id
            &[0; 4],
            &DURATION.to_be_bytes(),
            &[0; 8],
            &0u16.to_be_bytes(), // layer
            &0u16.to_be_bytes(), // alternate group
            &0u16.to_be_bytes(), // volume: none for video
            &[0; 2],
            &identity_matrix,
            &(u32::from(WIDTH) << 16).to_be_bytes(), // 16.16 fixed point
            &(u32::from(HEIGHT) << 16).to_be_bytes(),
        ]
        .concat(),
    );
    let mdhd = full_box(
        b"mdhd",
        0,
        0,
        &[
            &0u32.to_be_bytes()[..],
            &0u32.to_be_bytes(),
            &TIMESCALE.to_be_bytes(),
            &DURATION.to_be_bytes(),
            &0x55C4u16.to_be_bytes(), // language "und"
            &[0; 2],
        ]
        .concat(),
    );
    let hdlr = full_box(
        b"hdlr",
        0,
        0,
        &[&[0; 4][..], b"vide", &[0; 12], b"VideoHandler\0"].concat(),
    );
    let vmhd = full_box(b"vmhd", 0, 1, &[0; 8]);
    let dref = full_box(
        b"dref",
        0,
        0,
        &[
            &1u32.to_be_bytes()[..],
            &full_box(b"url ", 0, 1 /* same file */, &[]),
        ]
        .concat(),
    );
    let stbl = mp4_box(
        b"stbl",
        &[
            sample_description(sps, pps),
            full_box(
                b"stts",
                0,
                0,
                &[1u32, 1, DURATION]
                    .iter()
                    .flat_map(|v| v.to_be_bytes())
                    .collect::<Vec<_>>(),
            ),
            full_box(
                b"stsc",
                0,
                0,
                &[1u32, 1, 1, 1]
                    .iter()
                    .flat_map(|v| v.to_be_bytes())
                    .collect::<Vec<_>>(),
            ),
            full_box(
                b"stsz",
                0,
                0,
                &[0u32, 1, u32_len(sample_size)]
                    .iter()
                    .flat_map(|v| v.to_be_bytes())
                    .collect::<Vec<_>>(),
            ),
            full_box(
                b"stco",
                0,
                0,
                &[1u32, chunk_offset]
                    .iter()
                    .flat_map(|v| v.to_be_bytes())
                    .collect::<Vec<_>>(),
            ),
        ]
        .concat(),
    );
    let minf = mp4_box(b"minf", &[vmhd, mp4_box(b"dinf", &dref), stbl].concat());
    let mdia = mp4_box(b"mdia", &[mdhd, hdlr, minf].concat());
    let trak = mp4_box(b"trak", &[tkhd, mdia].concat());
    mp4_box(b"moov", &[mvhd, trak].concat())
}

/// `stsd` with one `avc1` sample entry carrying the parameter sets in its `avcC`.
fn sample_description(sps: &[u8], pps: &[u8]) -> Vec<u8> {
    let avcc = mp4_box(
        b"avcC",
        &[
            &[
                1,
                PROFILE_BASELINE,
                PROFILE_CONSTRAINTS,
                LEVEL_1_0,
                0xFF, /* 4-byte lengths */
                0xE1, /* one SPS */
            ][..],
            &u16_len(sps.len()).to_be_bytes(),
            sps,
            &[1], // one PPS
            &u16_len(pps.len()).to_be_bytes(),
            pps,
        ]
        .concat(),
    );
    let mut compressor_name = [0u8; 32];
    compressor_name[..5].copy_from_slice(b"\x04omix");
    let avc1 = mp4_box(
        b"avc1",
        &[
            &[0; 6][..],         // reserved
            &1u16.to_be_bytes(), // data reference index
            &[0; 16],            // pre_defined, reserved
            &WIDTH.to_be_bytes(),
            &HEIGHT.to_be_bytes(),
            &0x0048_0000u32.to_be_bytes(), // 72 dpi
            &0x0048_0000u32.to_be_bytes(),
            &[0; 4],
            &1u16.to_be_bytes(), // frames per sample
            &compressor_name,
            &0x0018u16.to_be_bytes(), // depth
            &(-1i16).to_be_bytes(),
            &avcc,
        ]
        .concat(),
    );
    full_box(b"stsd", 0, 0, &[&1u32.to_be_bytes()[..], &avc1].concat())
}

fn sequence_parameter_set() -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.bits(u32::from(PROFILE_BASELINE), 8);
    bits.bits(u32::from(PROFILE_CONSTRAINTS), 8);
    bits.bits(u32::from(LEVEL_1_0), 8);
    bits.ue(0); // seq_parameter_set_id
    bits.ue(0); // log2_max_frame_num_minus4
    bits.ue(2); // pic_order_cnt_type: output order is decoding order
    bits.ue(1); // max_num_ref_frames
    bits.bit(false); // gaps_in_frame_num_value_allowed_flag
    bits.ue(u32::from(WIDTH / 16 - 1)); // pic_width_in_mbs_minus1
    bits.ue(u32::from(HEIGHT / 16 - 1)); // pic_height_in_map_units_minus1
    bits.bit(true); // frame_mbs_only_flag
    bits.bit(true); // direct_8x8_inference_flag
    bits.bit(false); // frame_cropping_flag
    bits.bit(false); // vui_parameters_present_flag
    bits.trailing_bits()
}

fn picture_parameter_set() -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.ue(0); // pic_parameter_set_id
    bits.ue(0); // seq_parameter_set_id
    bits.bit(false); // entropy_coding_mode_flag: CAVLC
    bits.bit(false); // bottom_field_pic_order_in_frame_present_flag
    bits.ue(0); // num_slice_groups_minus1
    bits.ue(0); // num_ref_idx_l0_default_active_minus1
    bits.ue(0); // num_ref_idx_l1_default_active_minus1
    bits.bit(false); // weighted_pred_flag
    bits.bits(0, 2); // weighted_bipred_idc
    bits.se(0); // pic_init_qp_minus26
    bits.se(0); // pic_init_qs_minus26
    bits.se(0); // chroma_qp_index_offset
    bits.bit(false); // deblocking_filter_control_present_flag
    bits.bit(false); // constrained_intra_pred_flag
    bits.bit(false); // redundant_pic_cnt_present_flag
    bits.trailing_bits()
}

/// One IDR slice covering the picture, every macroblock `I_PCM`.
fn idr_slice() -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.ue(0); // first_mb_in_slice
    bits.ue(7); // slice_type: I, and all slices of the picture are I
    bits.ue(0); // pic_parameter_set_id
    bits.bits(0, 4); // frame_num, log2_max_frame_num = 4
    bits.ue(0); // idr_pic_id
    bits.bit(false); // no_output_of_prior_pics_flag
    bits.bit(false); // long_term_reference_flag
    bits.se(0); // slice_qp_delta
    let (mbs_wide, mbs_high) = (WIDTH / 16, HEIGHT / 16);
    for mb_y in 0..mbs_high {
        for mb_x in 0..mbs_wide {
            bits.ue(MB_TYPE_I_PCM);
            bits.align_with_zeros(); // pcm_alignment_zero_bit
            let (x0, y0) = (usize::from(mb_x) * 16, usize::from(mb_y) * 16);
            for y in y0..y0 + 16 {
                for x in x0..x0 + 16 {
                    bits.bits(u32::from(luma(x, y)), 8);
                }
            }
            for plane in [Chroma::Blue, Chroma::Red] {
                for y in y0 / 2..y0 / 2 + 8 {
                    for x in x0 / 2..x0 / 2 + 8 {
                        bits.bits(u32::from(chroma(plane, x, y)), 8);
                    }
                }
            }
        }
    }
    bits.trailing_bits()
}

/// A diagonal gradient within the video range 16..=235 (also keeps start-code-like zero runs rare).
fn luma(x: usize, y: usize) -> u8 {
    16 + ((x + y) * 219 / (usize::from(WIDTH) + usize::from(HEIGHT) - 2)) as u8
}

#[derive(Clone, Copy)]
enum Chroma {
    Blue,
    Red,
}

/// Blue on the left fading to red on the right, within 16..=240.
fn chroma(plane: Chroma, x: usize, _y: usize) -> u8 {
    let ramp = (x * 224 / (usize::from(WIDTH) / 2 - 1)) as u8;
    match plane {
        Chroma::Blue => 240 - ramp,
        Chroma::Red => 16 + ramp,
    }
}

/// A NAL unit: header byte (`nal_ref_idc` 3) and the payload with emulation-prevention bytes inserted, so no
/// `00 00 0x` (x ≤ 3) sequence appears inside it.
fn nal_unit(nal_type: u8, payload: &[u8]) -> Vec<u8> {
    let mut nal = Vec::with_capacity(payload.len() + payload.len() / 64 + 1);
    nal.push(0x60 | nal_type);
    let mut zeros = 0;
    for &byte in payload {
        if zeros >= 2 && byte <= 3 {
            nal.push(3);
            zeros = 0;
        }
        nal.push(byte);
        zeros = if byte == 0 { zeros + 1 } else { 0 };
    }
    nal
}

/// An ISO BMFF box: 32-bit size, type, payload.
fn mp4_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 8);
    out.extend_from_slice(&u32_len(payload.len() + 8).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(payload);
    out
}

/// A box with a version byte and 24 bits of flags before its payload.
fn full_box(kind: &[u8; 4], version: u8, flags: u32, payload: &[u8]) -> Vec<u8> {
    let header = (u32::from(version) << 24) | (flags & 0x00FF_FFFF);
    mp4_box(kind, &[&header.to_be_bytes()[..], payload].concat())
}

/// Every length in this file is a few KB; the conversions cannot truncate.
fn u32_len(length: usize) -> u32 {
    u32::try_from(length).unwrap_or(u32::MAX)
}

fn u16_len(length: usize) -> u16 {
    u16::try_from(length).unwrap_or(u16::MAX)
}

/// Most-significant-bit-first writer for H.264 syntax elements.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    /// Bits already used in the last byte (0 when byte-aligned).
    used: u8,
}

impl BitWriter {
    fn bit(&mut self, set: bool) {
        if self.used == 0 {
            self.bytes.push(0);
        }
        if set && let Some(last) = self.bytes.last_mut() {
            *last |= 0x80 >> self.used;
        }
        self.used = (self.used + 1) % 8;
    }

    fn bits(&mut self, value: u32, count: u32) {
        for shift in (0..count).rev() {
            self.bit((value >> shift) & 1 == 1);
        }
    }

    /// Unsigned Exp-Golomb.
    fn ue(&mut self, value: u32) {
        let coded = value + 1;
        let length = 32 - coded.leading_zeros();
        self.bits(0, length - 1);
        self.bits(coded, length);
    }

    /// Signed Exp-Golomb.
    fn se(&mut self, value: i32) {
        let mapped = if value > 0 {
            2 * value.unsigned_abs() - 1
        } else {
            2 * value.unsigned_abs()
        };
        self.ue(mapped);
    }

    fn align_with_zeros(&mut self) {
        while self.used != 0 {
            self.bit(false);
        }
    }

    /// `rbsp_trailing_bits`: a one, then zeros to the byte boundary.
    fn trailing_bits(mut self) -> Vec<u8> {
        self.bit(true);
        self.align_with_zeros();
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Top-level boxes as (type, offset, size).
    fn boxes(data: &[u8]) -> Vec<([u8; 4], usize, usize)> {
        let mut found = Vec::new();
        let mut offset = 0;
        while offset + 8 <= data.len() {
            let size = u32::from_be_bytes([
                data[offset],
                data[offset + 1],
                data[offset + 2],
                data[offset + 3],
            ]) as usize;
            let kind = [
                data[offset + 4],
                data[offset + 5],
                data[offset + 6],
                data[offset + 7],
            ];
            found.push((kind, offset, size));
            assert!(size >= 8, "box {kind:?} too small");
            offset += size;
        }
        assert_eq!(offset, data.len(), "the boxes tile the file exactly");
        found
    }

    #[test]
    fn is_ftyp_moov_mdat_with_the_chunk_offset_inside_mdat() {
        let video = sample_video();
        let top = boxes(video);
        let kinds: Vec<&[u8; 4]> = top.iter().map(|(kind, _, _)| kind).collect();
        assert_eq!(kinds, [b"ftyp", b"moov", b"mdat"]);
        let (_, mdat_offset, mdat_size) = top[2];
        let stco = video
            .windows(4)
            .position(|window| window == b"stco")
            .expect("stco present");
        let chunk_offset =
            u32::from_be_bytes(video[stco + 12..stco + 16].try_into().expect("4 bytes")) as usize;
        assert_eq!(chunk_offset, mdat_offset + 8);
        let frame_length = u32::from_be_bytes(
            video[chunk_offset..chunk_offset + 4]
                .try_into()
                .expect("4 bytes"),
        ) as usize;
        assert_eq!(chunk_offset + 4 + frame_length, mdat_offset + mdat_size);
        assert_eq!(video[chunk_offset + 4] & 0x1F, 5, "an IDR slice");
        assert!(
            (4_000..10_000).contains(&video.len()),
            "a few KB: {}",
            video.len()
        );
    }

    #[test]
    fn exp_golomb_codes() {
        let mut bits = BitWriter::default();
        bits.ue(0); // 1
        bits.ue(25); // 0000 11010
        bits.se(-1); // 011
        assert_eq!(bits.trailing_bits(), [0b1000_0110, 0b1001_1100]);
    }

    #[test]
    fn emulation_prevention() {
        assert_eq!(
            nal_unit(1, &[0, 0, 1, 0, 0, 0, 4]),
            [0x61, 0, 0, 3, 1, 0, 0, 3, 0, 4]
        );
    }
}
