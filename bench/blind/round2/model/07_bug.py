import numpy as np
import tensorflow as tf


class DenoisingAE(tf.keras.Model):
    """1-D convolutional denoising autoencoder for multichannel vibration windows."""

    def __init__(self, n_channels, latent_dim=16, noise_std=0.1):
        super().__init__()
        self.noise_std = noise_std
        self.encoder = tf.keras.Sequential([
            tf.keras.layers.Conv1D(32, 7, padding="same", activation="relu"),
            tf.keras.layers.MaxPool1D(2),
            tf.keras.layers.Conv1D(64, 5, padding="same", activation="relu"),
            tf.keras.layers.MaxPool1D(2),
            tf.keras.layers.Conv1D(latent_dim, 3, padding="same"),
        ])
        self.decoder = tf.keras.Sequential([
            tf.keras.layers.UpSampling1D(2),
            tf.keras.layers.Conv1D(64, 5, padding="same", activation="relu"),
            tf.keras.layers.UpSampling1D(2),
            tf.keras.layers.Conv1D(32, 7, padding="same", activation="relu"),
            tf.keras.layers.Conv1D(n_channels, 1),
        ])
        self.loss_tracker = tf.keras.metrics.Mean(name="loss")

    @property
    def metrics(self):
        return [self.loss_tracker]

    def call(self, x, training=False):
        return self.decoder(self.encoder(x, training=training), training=training)

    def train_step(self, data):
        clean = data
        noisy = clean + tf.random.normal(tf.shape(clean), stddev=self.noise_std)
        with tf.GradientTape() as tape:
            recon = self(noisy, training=True)
            loss = tf.reduce_mean(tf.square(recon - clean))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        return {"loss": self.loss_tracker.result()}

    def test_step(self, data):
        recon = self(data, training=False)
        self.loss_tracker.update_state(tf.reduce_mean(tf.square(recon - data)))
        return {"loss": self.loss_tracker.result()}


def load_windows(path, window=128, stride=64):
    signal = np.load(path).astype("float32")
    signal = (signal - signal.mean(axis=0)) / (signal.std(axis=0) + 1e-6)
    starts = np.arange(0, len(signal) - window, stride)
    return np.stack([signal[s:s + window] for s in starts])


if __name__ == "__main__":
    windows = load_windows("data/pump_vibration.npy")
    split = int(0.9 * len(windows))
    train_ds = tf.data.Dataset.from_tensor_slices(windows[:split]).shuffle(2048).batch(64)
    val_ds = tf.data.Dataset.from_tensor_slices(windows[split:]).batch(64)

    epochs = 40
    schedule = tf.keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=2e-8,
        decay_steps=epochs * len(train_ds),
        alpha=0.05,
    )
    model = DenoisingAE(n_channels=windows.shape[-1])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=schedule))
    model.fit(train_ds, validation_data=val_ds, epochs=epochs)
    model.save_weights("dae_pump.weights.h5")
