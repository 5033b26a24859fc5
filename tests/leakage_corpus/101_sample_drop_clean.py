# expect: clean
import pandas as pd
from sklearn.preprocessing import StandardScaler
from tensorflow import keras

dataset = pd.read_csv("fuel.csv").dropna()
cols = ["Cylinders", "Displacement", "Horsepower", "Weight"]
train_dataset = dataset.sample(frac=0.8, random_state=0)
test_dataset = dataset.drop(train_dataset.index)
scaler = StandardScaler().fit(train_dataset[cols])
x_train = scaler.transform(train_dataset[cols])
x_test = scaler.transform(test_dataset[cols])
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(x_train, train_dataset["MPG"], epochs=100, validation_split=0.2)
model.evaluate(x_test, test_dataset["MPG"])
