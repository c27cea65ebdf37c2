/**
 * The Pusher component: copies a blessed model's SavedModel into a versioned serving directory
 * ({@code <base>/<version>/}, TF Serving's layout), atomically.
 */
package io.beamline.pusher;
