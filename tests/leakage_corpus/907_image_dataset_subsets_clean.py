# expect: clean
import tensorflow as tf

train_ds = tf.keras.utils.image_dataset_from_directory("flowers", validation_split=0.2, subset="training", seed=1)
val_ds = tf.keras.utils.image_dataset_from_directory("flowers", validation_split=0.2, subset="validation", seed=1)
norm = tf.keras.layers.Rescaling(1.0 / 255)
model = tf.keras.Sequential([norm, tf.keras.layers.Conv2D(16, 3), tf.keras.layers.Flatten(), tf.keras.layers.Dense(5)])
model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
stop = tf.keras.callbacks.EarlyStopping(patience=3)
model.fit(train_ds, validation_data=val_ds, epochs=20, callbacks=[stop])
