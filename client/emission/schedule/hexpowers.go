package schedule

// hexPowers[15*w + d - 1] = round(q^(d * 16^w) * 2^64), q = 0.9999861130476040207, for
// w = 0..3 with d = 1..15 and w = 4 with d = 1..2 (epoch - 1 < 3 * 16^4). TestHexPowers
// regenerates every entry with 512-bit floats and prints this table when one differs.
var hexPowers = [62]uint64{
	// w = 0: q^d
	0xffff1703fe5dc27e, 0xfffe2e08d0c54006, 0xfffd450e7735b79d, 0xfffc5c14f1ae684b, 0xfffb731c402e9118,
	0xfffa8a2462b5710c, 0xfff9a12d59424730, 0xfff8b83723d4528f, 0xfff7cf41c26ad232, 0xfff6e64d35050526,
	0xfff5fd597ba22a75, 0xfff514669641812d, 0xfff42b7484e2485c, 0xfff342834783bf0e, 0xfff25992de252453,
	// w = 1: q^(16d)
	0xfff170a348c5b73a, 0xffe2e21a8ff82f1b, 0xffd45465c988c5ca, 0xffc5c784e96988fe, 0xffb73b77e38d35ed,
	0xffa8b03eabe7394b, 0xff9a25d9366baf37, 0xff8b9c47770f633a, 0xff7d138961c7d034, 0xff6e8b9eea8b205a,
	0xff60048805502d27, 0xff517e44a60e7f54, 0xff42f8d4c0be4ecd, 0xff347438495882a8, 0xff25f06f33d6b11b,
	// w = 2: q^(256d)
	0xff176d7974331f71, 0xfe2fae3cd0216066, 0xfd48c18a1fe18f0d, 0xfc62a6a21ded60eb, 0xfb7d5cc632830764,
	0xfa98e33873075238, 0xf9b5393ba1686169, 0xf8d25e132b80e606, 0xf7f051032a7bf163, 0xf70f115062395233,
	0xf62e9e4040b27f09, 0xf54ef718dd600db9, 0xf4701b20f89fb723, 0xf392099ffb1ae6dd, 0xf2b4c1ddf52dd647,
	// w = 3: q^(4096d)
	0xf1d843239e4f3287, 0xe478e51a6dc7ec9a, 0xd7d6d19a9d6c5f92, 0xcbe7912ea95b5402, 0xc0a14089668def28,
	0xb5fa8854ce890c23, 0xabea9574c1750a15, 0xa26911b755225e67, 0x996e1ceca244aea1, 0x90f2466056ece249,
	0x88ee86afa64b8da0, 0x815c39f67a4b665f, 0x7a351a4f13de8a77, 0x73733a9f8b2523e1, 0x6d1101b0e118f8de,
	// w = 4: q^(65536d)
	0x6709258b915d3245, 0x29785c89f84adb1d,
}
