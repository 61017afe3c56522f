/**
 * Our player enhancement, served at /assets/video-player.js after hls.js: for each HLS video
 * on the page, if the browser cannot play HLS itself, hls.js feeds it through Media Source
 * Extensions. No worker (the CSP allows no blob: workers); everything else is the browser's.
 */
export const PLAYER_SCRIPT = `(function () {
  'use strict';
  var videos = document.querySelectorAll('video[data-hls]');
  for (var i = 0; i < videos.length; i++) {
    var video = videos[i];
    if (video.canPlayType('application/vnd.apple.mpegurl')) continue;
    if (!window.Hls || !window.Hls.isSupported()) continue;
    var hls = new window.Hls({ enableWorker: false });
    hls.loadSource(video.getAttribute('data-hls'));
    hls.attachMedia(video);
  }
})();
`;
