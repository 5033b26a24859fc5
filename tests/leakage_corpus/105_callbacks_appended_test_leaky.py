# expect: TFL105
import tensorflow as tf
mnist = tf.keras.datasets.mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0
model = tf.keras.models.Sequential([tf.keras.layers.Flatten(input_shape=(28, 28)), tf.keras.layers.Dense(10)])
model.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=['accuracy'])
cbs = []
cbs.append(tf.keras.callbacks.EarlyStopping(monitor='val_accuracy', patience=3, restore_best_weights=True))
model.fit(x_train, y_train, epochs=50, validation_data=(x_test, y_test), callbacks=cbs)
print(model.evaluate(x_test, y_test))
