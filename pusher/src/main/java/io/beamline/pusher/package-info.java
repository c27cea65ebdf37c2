/**
 * The Pusher component: copies a blessed model's SavedModel into a versioned serving directory
 * ({@code <base>/<version>/}, TF Serving's layout) on a local disk (one atomic rename) or any Beam
 * file system (staged, with saved_model.pb published last).
 */
package io.beamline.pusher;
